export default definePageConfig({
  navigationBarTitleText: '暑期托管',
})
