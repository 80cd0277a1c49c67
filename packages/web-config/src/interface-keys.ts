import type { Browser } from './browsers.js';
import type { JsValue } from './values.js';

/**
 * The keys of interface_config.js and their value types, from the real files of 2018–2026 (live
 * keys and the ones later left as comments when they moved to config.js). Other keys are still
 * reachable through the generic path API.
 */
export interface InterfaceConfigKeys {
  ADD_PEOPLE_APP_NAME: string;
  ANDROID_APP_PACKAGE: string;
  APP_NAME: string;
  APP_SCHEME: string;
  AUDIO_LEVEL_PRIMARY_COLOR: string;
  AUDIO_LEVEL_SECONDARY_COLOR: string;
  AUTHENTICATION_ENABLE: boolean;
  AUTO_PIN_LATEST_SCREEN_SHARE: string | boolean;
  BRAND_WATERMARK_LINK: string;
  CLOSE_PAGE_GUEST_HINT: boolean;
  CONNECTION_INDICATOR_AUTO_HIDE_ENABLED: boolean;
  CONNECTION_INDICATOR_AUTO_HIDE_TIMEOUT: number;
  CONNECTION_INDICATOR_DISABLED: boolean;
  DEFAULT_BACKGROUND: string;
  DEFAULT_LOCAL_DISPLAY_NAME: string;
  DEFAULT_LOGO_URL: string;
  DEFAULT_REMOTE_DISPLAY_NAME: string;
  DEFAULT_WELCOME_PAGE_LOGO_URL: string;
  DESKTOP_SHARING_BUTTON_DISABLED_TOOLTIP: string | null;
  DISABLE_DOMINANT_SPEAKER_INDICATOR: boolean;
  DISABLE_FOCUS_INDICATOR: boolean;
  DISABLE_JOIN_LEAVE_NOTIFICATIONS: boolean;
  DISABLE_PRESENCE_STATUS: boolean;
  DISABLE_RINGING: boolean;
  DISABLE_TRANSCRIPTION_SUBTITLES: boolean;
  DISABLE_VIDEO_BACKGROUND: boolean;
  DISPLAY_WELCOME_FOOTER: boolean;
  DISPLAY_WELCOME_PAGE_ADDITIONAL_CARD: boolean;
  DISPLAY_WELCOME_PAGE_CONTENT: boolean;
  DISPLAY_WELCOME_PAGE_TOOLBAR_ADDITIONAL_CONTENT: boolean;
  ENABLE_DIAL_OUT: boolean;
  ENABLE_FEEDBACK_ANIMATION: boolean;
  ENFORCE_NOTIFICATION_AUTO_DISMISS_TIMEOUT: number;
  FILM_STRIP_MAX_HEIGHT: number;
  GENERATE_ROOMNAMES_ON_WELCOME_PAGE: boolean;
  HIDE_DEEP_LINKING_LOGO: boolean;
  HIDE_INVITE_MORE_HEADER: boolean;
  HIDE_KICK_BUTTON_FOR_GUESTS: boolean;
  INITIAL_TOOLBAR_TIMEOUT: number;
  INVITATION_POWERED_BY: boolean;
  JITSI_WATERMARK_LINK: string;
  LANG_DETECTION: boolean;
  LIVE_STREAMING_HELP_LINK: string;
  LOCAL_THUMBNAIL_RATIO: number;
  MAXIMUM_ZOOMING_COEFFICIENT: number;
  MOBILE_APP_PROMO: boolean;
  MOBILE_DOWNLOAD_LINK_ANDROID: string;
  MOBILE_DOWNLOAD_LINK_F_DROID: string;
  MOBILE_DOWNLOAD_LINK_IOS: string;
  MOBILE_DYNAMIC_LINK: { [key: string]: JsValue };
  NATIVE_APP_NAME: string;
  OPTIMAL_BROWSERS: Browser[];
  POLICY_LOGO: string | null;
  PROVIDER_NAME: string;
  RANDOM_AVATAR_URL_PREFIX: string | boolean;
  RANDOM_AVATAR_URL_SUFFIX: string | boolean;
  RECENT_LIST_ENABLED: boolean;
  REMOTE_THUMBNAIL_RATIO: number;
  SETTINGS_SECTIONS: string[];
  SHARING_FEATURES: string[];
  SHOW_BRAND_WATERMARK: boolean;
  SHOW_CHROME_EXTENSION_BANNER: boolean;
  SHOW_DEEP_LINKING_IMAGE: boolean;
  SHOW_JITSI_WATERMARK: boolean;
  SHOW_POWERED_BY: boolean;
  SHOW_PROMOTIONAL_CLOSE_PAGE: boolean;
  SHOW_WATERMARK_FOR_GUESTS: boolean;
  SUPPORT_URL: string;
  TILE_VIEW_MAX_COLUMNS: number;
  TOOLBAR_ALWAYS_VISIBLE: boolean;
  TOOLBAR_BUTTONS: string[];
  TOOLBAR_TIMEOUT: number;
  UNSUPPORTED_BROWSERS: Browser[];
  VERTICAL_FILMSTRIP: boolean;
  VIDEO_LAYOUT_FIT: string;
  VIDEO_QUALITY_LABEL_DISABLED: boolean;
  filmStripOnly: boolean;
  makeJsonParserHappy: string;
}

export type InterfaceConfigKey = keyof InterfaceConfigKeys;

type Kind = 'string' | 'number' | 'boolean' | 'null' | 'string[]' | 'array' | 'object';

const S: Kind[] = ['string'];
const B: Kind[] = ['boolean'];
const N: Kind[] = ['number'];
const LIST: Kind[] = ['string[]'];

/** The same map at run time, so that a wrongly typed value is refused before it is written. */
export const INTERFACE_CONFIG_KINDS: { readonly [K in InterfaceConfigKey]: readonly Kind[] } = {
  ADD_PEOPLE_APP_NAME: S,
  ANDROID_APP_PACKAGE: S,
  APP_NAME: S,
  APP_SCHEME: S,
  AUDIO_LEVEL_PRIMARY_COLOR: S,
  AUDIO_LEVEL_SECONDARY_COLOR: S,
  AUTHENTICATION_ENABLE: B,
  AUTO_PIN_LATEST_SCREEN_SHARE: ['string', 'boolean'],
  BRAND_WATERMARK_LINK: S,
  CLOSE_PAGE_GUEST_HINT: B,
  CONNECTION_INDICATOR_AUTO_HIDE_ENABLED: B,
  CONNECTION_INDICATOR_AUTO_HIDE_TIMEOUT: N,
  CONNECTION_INDICATOR_DISABLED: B,
  DEFAULT_BACKGROUND: S,
  DEFAULT_LOCAL_DISPLAY_NAME: S,
  DEFAULT_LOGO_URL: S,
  DEFAULT_REMOTE_DISPLAY_NAME: S,
  DEFAULT_WELCOME_PAGE_LOGO_URL: S,
  DESKTOP_SHARING_BUTTON_DISABLED_TOOLTIP: ['string', 'null'],
  DISABLE_DOMINANT_SPEAKER_INDICATOR: B,
  DISABLE_FOCUS_INDICATOR: B,
  DISABLE_JOIN_LEAVE_NOTIFICATIONS: B,
  DISABLE_PRESENCE_STATUS: B,
  DISABLE_RINGING: B,
  DISABLE_TRANSCRIPTION_SUBTITLES: B,
  DISABLE_VIDEO_BACKGROUND: B,
  DISPLAY_WELCOME_FOOTER: B,
  DISPLAY_WELCOME_PAGE_ADDITIONAL_CARD: B,
  DISPLAY_WELCOME_PAGE_CONTENT: B,
  DISPLAY_WELCOME_PAGE_TOOLBAR_ADDITIONAL_CONTENT: B,
  ENABLE_DIAL_OUT: B,
  ENABLE_FEEDBACK_ANIMATION: B,
  ENFORCE_NOTIFICATION_AUTO_DISMISS_TIMEOUT: N,
  FILM_STRIP_MAX_HEIGHT: N,
  GENERATE_ROOMNAMES_ON_WELCOME_PAGE: B,
  HIDE_DEEP_LINKING_LOGO: B,
  HIDE_INVITE_MORE_HEADER: B,
  HIDE_KICK_BUTTON_FOR_GUESTS: B,
  INITIAL_TOOLBAR_TIMEOUT: N,
  INVITATION_POWERED_BY: B,
  JITSI_WATERMARK_LINK: S,
  LANG_DETECTION: B,
  LIVE_STREAMING_HELP_LINK: S,
  LOCAL_THUMBNAIL_RATIO: N,
  MAXIMUM_ZOOMING_COEFFICIENT: N,
  MOBILE_APP_PROMO: B,
  MOBILE_DOWNLOAD_LINK_ANDROID: S,
  MOBILE_DOWNLOAD_LINK_F_DROID: S,
  MOBILE_DOWNLOAD_LINK_IOS: S,
  MOBILE_DYNAMIC_LINK: ['object'],
  NATIVE_APP_NAME: S,
  OPTIMAL_BROWSERS: LIST,
  POLICY_LOGO: ['string', 'null'],
  PROVIDER_NAME: S,
  RANDOM_AVATAR_URL_PREFIX: ['string', 'boolean'],
  RANDOM_AVATAR_URL_SUFFIX: ['string', 'boolean'],
  RECENT_LIST_ENABLED: B,
  REMOTE_THUMBNAIL_RATIO: N,
  SETTINGS_SECTIONS: LIST,
  SHARING_FEATURES: LIST,
  SHOW_BRAND_WATERMARK: B,
  SHOW_CHROME_EXTENSION_BANNER: B,
  SHOW_DEEP_LINKING_IMAGE: B,
  SHOW_JITSI_WATERMARK: B,
  SHOW_POWERED_BY: B,
  SHOW_PROMOTIONAL_CLOSE_PAGE: B,
  SHOW_WATERMARK_FOR_GUESTS: B,
  SUPPORT_URL: S,
  TILE_VIEW_MAX_COLUMNS: N,
  TOOLBAR_ALWAYS_VISIBLE: B,
  TOOLBAR_BUTTONS: LIST,
  TOOLBAR_TIMEOUT: N,
  UNSUPPORTED_BROWSERS: LIST,
  VERTICAL_FILMSTRIP: B,
  VIDEO_LAYOUT_FIT: S,
  VIDEO_QUALITY_LABEL_DISABLED: B,
  filmStripOnly: B,
  makeJsonParserHappy: S,
};

/** The value kinds a known key takes, or undefined for a key outside the map (own keys only). */
export function knownKinds(key: string): readonly Kind[] | undefined {
  return Object.prototype.hasOwnProperty.call(INTERFACE_CONFIG_KINDS, key) ? INTERFACE_CONFIG_KINDS[key as InterfaceConfigKey] : undefined;
}

export function kindOf(value: JsValue): Kind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? 'string[]' : 'array';
  if (typeof value === 'object') return 'object';
  return typeof value as Kind;
}
