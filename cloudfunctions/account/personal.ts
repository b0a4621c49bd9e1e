import { definePersonal } from '../_core/personal'

const STAFF = {
  erase: 'keep' as const,
  what: '工作人员激活和授权记录',
  reason: '工作人员身份的来历（谁邀请、何时授权），供审计；请管理员撤销权限',
  retention: '权限撤销后 3 年',
}

export default definePersonal({
  collections: {
    activation_codes: { owner: 'usedBy', ...STAFF },
    invites: { owner: 'createdBy', ...STAFF },
    role_grants: { owner: 'openid', ...STAFF },
    stations: { none: '驿站信息，由站长和工会维护' },
  },
})
