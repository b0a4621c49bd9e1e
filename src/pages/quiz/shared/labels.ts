import { CAMPAIGN_STATE_LABELS, type CampaignState } from '@/contracts/quiz/schemas'

export const stateLabel = (s: CampaignState) => CAMPAIGN_STATE_LABELS[s]
export const stateClass = (s: CampaignState) => `quiz-state quiz-state--${s}`
