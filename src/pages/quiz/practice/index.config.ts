export default definePageConfig({ navigationBarTitleText: '错题本与练习' })
