import { call } from '@/api/client'
import type { ImportReport, StationDetail, StationSummary, UpsertInput } from '@/contracts/stations/schemas'

export const PAGE_SIZE = 20

export const listManaged = (page: number) => call<{ items: StationSummary[]; total: number }>('stations', 'listManaged', { page, pageSize: PAGE_SIZE })
export const getStation = (id: string) => call<StationDetail>('stations', 'get', { id })
export const upsertStation = (input: UpsertInput) => call<{ id: string; created: boolean }>('stations', 'upsert', input)
export const importCsv = (csv: string) => call<ImportReport>('stations', 'importCsv', { csv })
