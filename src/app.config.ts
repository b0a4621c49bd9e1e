import { DOMAINS } from './domains'

const RED = '#C8102E'

// The persona picker and the outbox talk to the local gateway, which exists only for the H5 build: the
// mini program (local or release) leaves them out, so they are neither in its app.json nor in its packages.
const LOCAL_ONLY = process.env.TARO_ENV === 'h5'

export default defineAppConfig({
  // notfound is where app.ts sends unknown routes: in the main package, so it opens even when a chunk would not.
  pages: ['pages/home/index', 'pages/me/index', 'pages/notfound/index', ...(LOCAL_ONLY ? ['pages/login/index'] : [])],
  // One subpackage per service keeps the main package small; each loads when first opened.
  subPackages: [
    ...DOMAINS.map((d) => ({ root: `pages/${d.key}`, pages: d.pages })),
    { root: 'pages/staff', pages: ['index/index'] },
    // Local demo tools (the notification outbox); H5 only.
    ...(LOCAL_ONLY ? [{ root: 'pages/dev', pages: ['outbox/index'] }] : []),
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: RED,
    navigationBarTitleText: '工惠',
    navigationBarTextStyle: 'white',
    backgroundColor: '#F4F5F7',
    // Taro H5 hides its title bar (and back button) unless asked; the mini-program shows it either way.
    navigationStyle: 'default',
  },
  tabBar: {
    color: '#5F6470',
    selectedColor: RED,
    backgroundColor: '#FFFFFF',
    borderStyle: 'white',
    list: [
      // PNG only (WeChat's tabBar takes no SVG), 81×81 px, paths relative to src; drawn by scripts/icons.mjs.
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/icons/tab-home.png', selectedIconPath: 'assets/icons/tab-home-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/icons/tab-me.png', selectedIconPath: 'assets/icons/tab-me-active.png' },
    ],
  },
  // chooseLocation is used by staff to pick a station's position on the map.
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': { desc: '用于查找离您最近的户外劳动者驿站' },
  },
  lazyCodeLoading: 'requiredComponents',
})
