/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'

/** Cloud environment id injected by config/index.ts defineConstants; '' means the bound default. */
declare const CLOUD_ENV: string

/** notice key → WeChat subscribe-message template id, from build-time configuration (config/release.ts). */
declare const SUBSCRIBE_TEMPLATES: Record<string, string>
declare const SUBSCRIBE_LONG_TERM: string[]

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production'
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn'
    TARO_APP_ID: string
  }
}
/** weapp: the https prefix registered for 扫普通链接二维码打开小程序 (WX_QR_BASE); '' when not configured */
declare const STATION_QR_BASE: string
