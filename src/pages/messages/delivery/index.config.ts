export default definePageConfig({
  navigationBarTitleText: '通知发送情况',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
