export default definePageConfig({
  navigationBarTitleText: '通知公告',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
