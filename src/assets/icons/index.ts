// The home grid's and the 工作台 card's icons, by the `icon` name in src/domains.ts (the manifest stays
// pure data, so app.config.ts can read it in Node). Sources and the script that draws them:
// src/assets/icons/src/*.svg, scripts/icons.mjs. Tab bar icons are referenced by path in app.config.ts.
import childcare from './childcare.png'
import legalAid from './legalAid.png'
import membership from './membership.png'
import quiz from './quiz.png'
import stations from './stations.png'
import workbench from './workbench.png'

const ICONS: Record<string, string> = { membership, childcare, legalAid, stations, quiz, workbench }

/** the PNG for a manifest icon name; undefined for a name without a drawing */
export function iconFor(name: string): string | undefined {
  return ICONS[name]
}
