export default definePageConfig({
  navigationBarTitleText: '职工子女托管',
})
