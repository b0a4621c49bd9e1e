import { defineModule } from '../_core/module'
import { stationsActions } from './actions'
import { seedStations } from './seed'

export default defineModule({
  actions: stationsActions,
  collections: {
    stations: { geo: 'location', indexes: [['orgId', 'name'], 'name', ['status', 'name']] },
    station_reports: {
      indexes: [
        ['stationId', 'createdAt'],
        ['orgId', 'createdAt'],
        ['orgId', 'status', 'createdAt'],
        ['stationId', 'status', 'createdAt'],
      ],
    },
    // 签到 (visits.ts): one document per counted visit, by id; counters per scope and day for the charts.
    station_visits: { indexes: [['stationId', 'day'], 'openid'] },
    station_visit_days: { indexes: [['scope', 'day']] },
    station_visitors: { indexes: ['openid'] },
    station_posters: {},
    // 「现在开着吗?」 (confirms.ts)
    station_confirms: { indexes: [['stationId', 'open', 'at'], 'openid'] },
    station_open_alerts: {},
  },
  seed: seedStations,
})
