/**
 * PyYAML (Debian's python3-yaml), the YAML 1.1 reader and writer Ansible uses: what it reads from a
 * state file, and what Ansible's `to_nice_yaml` writes. Where python3 or PyYAML is missing the tests
 * say so and skip; under CI=true that is a failure.
 */
import { spawnSync } from 'node:child_process';
import { unavailable } from '../../../../test/support/skips.js';

const SCRIPT = String.raw`
import datetime, json, sys, yaml
def plain(v):
    if isinstance(v, (datetime.date, datetime.datetime)):
        return {"$date": v.isoformat()}
    if isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))):
        return {"$float": repr(v)}
    if isinstance(v, list):
        return [plain(x) for x in v]
    if isinstance(v, dict):
        return {str(k) if not isinstance(k, bool) else {True: "$true", False: "$false"}[k]: plain(x) for k, x in v.items()}
    return v
request = json.load(sys.stdin)
if request["op"] == "load":
    out = []
    for text in request["texts"]:
        try:
            out.append({"data": plain(yaml.safe_load(text))})
        except yaml.YAMLError as e:
            out.append({"error": str(e).splitlines()[0]})
    json.dump(out, sys.stdout)
else:
    # What Ansible's to_nice_yaml does: indent 4, block style, Unicode as is, keys sorted.
    sys.stdout.write(yaml.dump(request["data"], Dumper=yaml.SafeDumper, indent=4, allow_unicode=True, default_flow_style=False))
`;

function run(request: unknown): string {
  const result = spawnSync('python3', ['-c', SCRIPT], { input: JSON.stringify(request), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`python3 failed: ${result.stderr}`);
  return result.stdout;
}

/** True when python3 with PyYAML is there; under CI a missing one throws. */
export function pyyamlAvailable(): boolean {
  const probe = spawnSync('python3', ['-c', 'import yaml'], { encoding: 'utf8' });
  if (probe.status === 0) return true;
  return unavailable('the PyYAML tests of the state file: no python3 with PyYAML (Debian package python3-yaml)', 'sudo bash scripts/install-system-deps.sh');
}

/** What PyYAML's safe_load reads from each text (dates as {$date}, keys true/false as $true/$false). */
export function pyyamlLoad(texts: readonly string[]): ({ data: unknown } | { error: string })[] {
  return JSON.parse(run({ op: 'load', texts })) as ({ data: unknown } | { error: string })[];
}

/** The data as Ansible's to_nice_yaml writes it. */
export function toNiceYaml(data: unknown): string {
  return run({ op: 'dump', data });
}
