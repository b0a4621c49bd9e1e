import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// Seeding stores demo station photos through the file port; unit tests keep them out of the repo's .data/.
process.env.FILES_DIR = mkdtempSync(join(tmpdir(), 'gh-unit-files-'))
