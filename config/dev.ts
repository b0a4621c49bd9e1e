import type { UserConfigExport } from '@tarojs/cli'

// `npm run dev:h5` serves the app from memory with hot reload; its API calls go to the local gateway that
// `npm start` (or `node dist/local/server.cjs`) runs, at GATEWAY_URL or the gateway's default port.
const GATEWAY = process.env.GATEWAY_URL ?? `http://127.0.0.1:${process.env.PORT ?? 8080}`

export default {
  logger: {
    quiet: false,
    stats: true,
  },
  mini: {},
  h5: {
    devServer: {
      proxy: {
        '/api': {
          target: GATEWAY,
          changeOrigin: true,
          // The gateway refuses requests from another origin. Through this proxy the page's request is its own,
          // so it is sent as coming from the gateway's origin.
          onProxyReq(proxyReq: { getHeader(name: string): unknown; setHeader(name: string, value: string): void }) {
            if (proxyReq.getHeader('origin')) proxyReq.setHeader('origin', GATEWAY)
          },
        },
      },
    },
  },
} satisfies UserConfigExport<'webpack5'>
