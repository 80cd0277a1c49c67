import { reportInInputUnits, ValidationError, type ConfigInput } from '@jitsi-confkit/core';
import { BROWSER_LISTS, type Browser, type BrowserList, browserIndex, BrowserListsMissingError, STOCK_BROWSER_LISTS, validateBrowser } from './browsers.js';
import { ConfigDocument, type DocumentOptions } from './document.js';
import { INTERFACE_CONFIG_KINDS, type InterfaceConfigKey, type InterfaceConfigKeys, kindOf, knownKinds } from './interface-keys.js';
import type { JsValue } from './values.js';

export interface MoveBrowserOptions {
  /**
   * Add a missing OPTIMAL_BROWSERS / UNSUPPORTED_BROWSERS key instead of refusing. Jitsi Meet
   * before stable 3936 (2019-08) ignores both keys, so in a full file this only helps files that
   * will be run by a newer version. In an overlay that does not set a list the move needs, the
   * list is written starting from the stock one (STOCK_BROWSER_LISTS), so that the browser is
   * really moved in what is served.
   */
  createKeys?: boolean;
}

const KNOWN_KEYS: readonly string[] = Object.keys(INTERFACE_CONFIG_KINDS);

/** interface_config.js: `var interfaceConfig = {…}` (the last declaration wins). */
export class InterfaceConfig extends ConfigDocument {
  readonly kind = 'interfaceConfig';

  constructor(input: ConfigInput, options: DocumentOptions = {}) {
    super(input, 'interfaceConfig', options, 'parseInterfaceConfig');
  }

  static {
    reportInInputUnits(this, (doc) => doc.inputState());
  }

  override get<K extends InterfaceConfigKey>(key: K): InterfaceConfigKeys[K] | undefined;
  override get(path: string): JsValue | undefined;
  override get(path: string): JsValue | undefined {
    return super.get(path);
  }

  override set<K extends InterfaceConfigKey>(key: K, value: InterfaceConfigKeys[K]): this;
  override set(path: string, value: JsValue): this;
  override set(path: string, value: JsValue): this {
    return super.set(path, value);
  }

  /** The two browser lists as they take effect (undefined where the file lacks the key). */
  browserLists(): { optimal: string[] | undefined; unsupported: string[] | undefined } {
    return { optimal: this.#list('OPTIMAL_BROWSERS'), unsupported: this.#list('UNSUPPORTED_BROWSERS') };
  }

  /**
   * Puts `browser` into `target` and takes it out of the other list. Applied again it changes
   * nothing. In OPTIMAL_BROWSERS the name goes where upstream's order puts it, so moving a browser
   * out and back restores the list. Throws UnsupportedEditError when the file lacks the target key
   * (files older than jitsi-meet stable 3936, 2019-08, whose Jitsi Meet ignores both keys) unless
   * `createKeys` is set.
   */
  moveBrowser(browser: Browser, target: BrowserList, options: MoveBrowserOptions = {}): this {
    validateBrowser(browser);
    if (!BROWSER_LISTS.includes(target)) {
      throw new ValidationError(`Unknown browser list "${String(target)}": use OPTIMAL_BROWSERS or UNSUPPORTED_BROWSERS`);
    }
    const other: BrowserList = target === 'OPTIMAL_BROWSERS' ? 'UNSUPPORTED_BROWSERS' : 'OPTIMAL_BROWSERS';
    const position = (items: JsValue[]): number => (target === 'OPTIMAL_BROWSERS' ? browserIndex(items, browser) : items.length);
    if (this.overlay && !(this.ownsPath(target) && this.ownsPath(other))) {
      this.#moveInOverlay(browser, target, other, position, options);
      return this;
    }
    if (!this.has(target) && !options.createKeys) {
      throw new BrowserListsMissingError(this.has(other) ? { kind: 'key', target } : { kind: 'both' }, this.sourceAt(this.rootOffset()));
    }
    this.moveArrayItem(other, target, browser, position);
    return this;
  }

  /**
   * moveBrowser in an overlay that does not set both lists itself: a list it does not set is the
   * stock one as served (STOCK_BROWSER_LISTS). The lists it sets are edited; a list it does not
   * set is written only when the move changes it, from the stock list without the browsers the
   * other list has (so no browser ends up in both as served), and only with createKeys.
   */
  #moveInOverlay(browser: Browser, target: BrowserList, other: BrowserList, position: (items: JsValue[]) => number, options: MoveBrowserOptions): void {
    const own = (list: BrowserList): string[] | undefined => (this.ownsPath(list) ? this.#list(list) : undefined);
    const set = { [target]: own(target), [other]: own(other) } as Record<BrowserList, string[] | undefined>;
    const served = (list: BrowserList): string[] => set[list] ?? [...STOCK_BROWSER_LISTS[list]];
    const finalOther = served(other).filter((b) => b !== browser);
    const targetNow = served(target);
    const finalTarget = targetNow.includes(browser) ? targetNow : [...targetNow.slice(0, position(targetNow)), browser, ...targetNow.slice(position(targetNow))];
    const write: Partial<Record<BrowserList, string[]>> = {};
    if (set[target] === undefined && !targetNow.includes(browser)) write[target] = finalTarget.filter((b) => b === browser || !finalOther.includes(b));
    if (set[other] === undefined && served(other).includes(browser)) write[other] = finalOther.filter((b) => !finalTarget.includes(b));
    const missing = BROWSER_LISTS.filter((list) => write[list] !== undefined);
    if (missing.length > 0 && !options.createKeys) {
      const unset = BROWSER_LISTS.filter((list) => set[list] === undefined);
      throw new BrowserListsMissingError({ kind: 'overlay', browser, target, unset, write: missing }, this.sourceAt(this.rootOffset()));
    }
    this.batch(() => {
      for (const list of BROWSER_LISTS) {
        const value = write[list];
        if (value !== undefined) this.set(list, value);
        else if (list === target && set[target] !== undefined) this.insertIntoArray(target, browser, position);
        else if (list === other && set[other] !== undefined) this.removeFromArray(other, browser);
      }
    });
  }

  /** Jitsi Meet's interface_config.js keys (INTERFACE_CONFIG_KINDS): isKnown() and siblings() use them. */
  protected override knownKeys(): readonly string[] {
    return KNOWN_KEYS;
  }

  protected override validate(keys: readonly string[], value: JsValue, what: 'value' | 'item', isSet: boolean): void {
    if (keys.length !== 1) return;
    const key = keys[0]!;
    if (key === 'OPTIMAL_BROWSERS' || key === 'UNSUPPORTED_BROWSERS') {
      const names = what === 'item' ? (value as JsValue[]) : value;
      if (!Array.isArray(names)) throw new ValidationError(`${key} must be an array of browser names`);
      names.forEach(validateBrowser);
      return;
    }
    const kinds = knownKinds(key);
    if (!kinds) return;
    // For an item, `value` is [item]. When the key is set, the item joins its array (the array
    // operation says so when it is not one): only a list of strings is checked. When it is not
    // set, [item] becomes its value and must be of its kind.
    const joins = what === 'item' && isSet;
    if (joins ? kinds.includes('string[]') && kindOf(value) !== 'string[]' : !kinds.includes(kindOf(value))) {
      throw new ValidationError(`${key} takes ${kinds.join(' or ')}, not ${kindOf(value)}`);
    }
  }

  #list(key: BrowserList): string[] | undefined {
    const value = this.get(key);
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
      throw this.unsupported(`${key} is not an array of strings`, this.valueOffset(key));
    }
    return value;
  }
}

/**
 * Parses interface_config.js (or docker's custom-interface_config.js overlay: see
 * DocumentOptions). Throws ConfigSyntaxError (with line and column) when it does not parse.
 */
export function parseInterfaceConfig(input: ConfigInput, options: DocumentOptions = {}): InterfaceConfig {
  return new InterfaceConfig(input, options);
}
