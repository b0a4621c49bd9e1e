export default definePageConfig({
  navigationBarTitleText: '托管班',
})
