export default definePageConfig({
  navigationBarTitleText: '托管签到',
})
