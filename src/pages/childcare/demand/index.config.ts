export default definePageConfig({
  navigationBarTitleText: '托管意向统计',
})
