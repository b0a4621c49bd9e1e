import * as z from 'zod'
import { mutation, query } from '../api'
import { uploadTargetInput, type UploadTarget } from '../files'
import type { Me } from '../roles'
import {
  acceptInviteInput,
  createInviteInput,
  redeemActivationInput,
  revokeGrantInput,
  type Activated,
  type InviteCreated,
  type InviteOptions,
  type RoleRow,
} from './schemas'

/** The `account` cloud function: who the caller is, and how people become staff (激活码, invitations). */
export const accountApi = {
  me: query<Me>()(z.object({}), 'signedIn'),
  /** the county's first admin: a one-time code printed by `npm run admin-code` / `npm run deploy` */
  redeemActivation: mutation<Activated>()(redeemActivationInput, 'signedIn'),
  acceptInvite: mutation<Activated>()(acceptInviteInput, 'signedIn'),
  /** what the invite page offers this caller: roles, their org tree, stations in it */
  inviteOptions: query<InviteOptions>()(z.object({}), ['staff', 'admin']),
  createInvite: mutation<InviteCreated>()(createInviteInput, ['staff', 'admin']),
  listRoles: query<{ items: RoleRow[] }>()(z.object({}), ['admin']),
  revokeGrant: mutation<{ revoked: true }>()(revokeGrantInput, ['admin']),
  /** a path in the caller's own upload folder: files go to storage first, then their id goes to an action */
  uploadTarget: mutation<UploadTarget>()(uploadTargetInput, 'signedIn'),
}

declare module '../api' {
  interface Apis {
    account: typeof accountApi
  }
}
