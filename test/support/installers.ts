/**
 * What the Debian installers do to the upstream templates of the corpus when they lay out a server
 * for a host: the rewrites the tests' server trees and file sets apply to corpus files.
 */

/** A rewrite of a corpus file's text. */
export type Rewrite = (text: string) => string;

/** What jitsi-meet-prosody's postinst does to the template. */
export const prosodyInstaller =
  (host: string): Rewrite =>
  (t) =>
    t.replaceAll('jitmeet.example.com', host).replaceAll('focusUser', 'focus').replaceAll('__turnSecret__', 'Zm9jdXNTZWNyZXQ');

/** What jitsi-meet-web-config's postinst does to config.js. */
export const webInstaller =
  (host: string): Rewrite =>
  (t) =>
    t.replaceAll('jitsi-meet.example.com', host);

/** Every `from` replaced by `to`. */
export const rename =
  (from: string, to: string): Rewrite =>
  (t) =>
    t.replaceAll(from, to);
