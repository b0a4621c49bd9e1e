import { call } from '@/api/client'
import type { UpsertInput } from '@/contracts/stations/schemas'

export const PAGE_SIZE = 20

export const listManaged = (page: number) => call('stations', 'listManaged', { page, pageSize: PAGE_SIZE })
export const getStation = (id: string) => call('stations', 'get', { id })
export const upsertStation = (input: UpsertInput) => call('stations', 'upsert', input)
export const importCsv = (csv: string) => call('stations', 'importCsv', { csv })
