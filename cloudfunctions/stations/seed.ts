import type { Store } from '../_core/store/port'
import type { DemoContext } from '../_core/module'
import { STATIONS } from './seed-data'
import { seedReports } from './reports'

export async function seedStations(store: Store, { now, countyId }: DemoContext): Promise<void> {
  const at = now.toISOString()
  for (const s of STATIONS) {
    await store.put('stations', {
      _id: s.id,
      name: s.name,
      address: s.address,
      location: { lat: s.lat, lng: s.lng },
      hours: s.hours,
      amenities: s.amenities,
      phone: s.phone,
      photos: [],
      orgId: countyId,
      status: 'active',
      createdAt: at,
      updatedAt: at,
      updatedBy: 'seed',
      version: 1,
    })
  }
  await seedReports(store, now, countyId)
}
