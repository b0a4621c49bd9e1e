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
  },
  seed: seedStations,
})
