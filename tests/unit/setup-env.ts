import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// Anything using the default local file folder (localFiles()) keeps it out of the repo's .data/.
process.env.FILES_DIR = mkdtempSync(join(tmpdir(), 'gh-unit-files-'))
