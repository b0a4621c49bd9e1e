import type { Me } from '@/contracts/roles'
import { hasAnyRole } from '@/hooks/useMe'

/** Who sees the station tools; the server checks every call again, this only decides what to show. */
export const canManageStations = (me: Me | null) => hasAnyRole(me, ['staff', 'keeper', 'admin'])

/** Keepers look after existing stations; only org staff open new ones or import them in bulk. */
export const canCreateStations = (me: Me | null) => hasAnyRole(me, ['staff', 'admin'])
