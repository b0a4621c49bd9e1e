export default definePageConfig({
  navigationBarTitleText: '通知发件箱',
  enablePullDownRefresh: true,
})
