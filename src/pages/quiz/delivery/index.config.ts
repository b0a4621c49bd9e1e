export default definePageConfig({ navigationBarTitleText: '奖品发放' })
