/** Every signed-in caller is a worker; the other roles are granted server-side, per org or station. */
export type Role = 'worker' | 'staff' | 'lawyer' | 'keeper' | 'admin'

export interface RoleGrant {
  role: Exclude<Role, 'worker'>
  /**
   * Every grant has one. staff and admin: an org id (they act on it and its children); lawyer: the org that
   * invited them (they serve it and its children); keeper: a station id. Only grants from before lawyers were
   * scoped lack it, until the account timer gives them one.
   */
  scope?: string
}

export const ROLE_LABELS: Record<Role, string> = {
  worker: '职工',
  staff: '工会干部',
  lawyer: '律师',
  keeper: '驿站站长',
  admin: '管理员',
}

export interface Me {
  openid: string
  name: string
  roles: Role[]
  grants: RoleGrant[]
  orgs: { id: string; name: string }[]
}

export const STAFF_ROLES: Role[] = ['staff', 'keeper', 'lawyer', 'admin']
