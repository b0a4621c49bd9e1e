export default definePageConfig({
  navigationBarTitleText: '会籍转移',
  enablePullDownRefresh: true,
})
