// Exported symbols nothing imports: `npm run deadcode`. Reads the project as tsc does (tsconfig.json), resolves
// every import, re-export and `import('…')` type to the symbol it names, and lists the exports of src/,
// cloudfunctions/ and scripts/tools/ that no other file names. Default exports (pages, configs, entry points the
// frameworks load by path) and `main` of a cloud function entry are entry points, not dead.
import ts from 'typescript'
import { relative, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '..')
const config = ts.getParsedCommandLineOfConfigFile(resolve(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })
const program = ts.createProgram(config.fileNames, config.options)
const checker = program.getTypeChecker()
const ours = (f) => !f.isDeclarationFile && !f.fileName.includes('/node_modules/')
const files = program.getSourceFiles().filter(ours)

const real = (sym) => (sym && sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym)
const used = new Set()
const wholeModules = new Set()

function markModule(spec, from) {
  const resolved = ts.resolveModuleName(spec, from.fileName, config.options, ts.sys).resolvedModule
  if (resolved) wholeModules.add(resolve(resolved.resolvedFileName))
}

for (const f of files) {
  const visit = (node) => {
    if (ts.isImportSpecifier(node) || ts.isExportSpecifier(node) || ts.isImportClause(node)) {
      const s = real(checker.getSymbolAtLocation(node.name ?? node))
      if (s) used.add(s)
    } else if (ts.isNamespaceImport(node) || ts.isNamespaceExport(node)) {
      const decl = node.parent.parent ?? node.parent
      const spec = decl.moduleSpecifier
      if (spec && ts.isStringLiteral(spec)) markModule(spec.text, f)
    } else if (ts.isExportDeclaration(node) && !node.exportClause && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      markModule(node.moduleSpecifier.text, f) // export * from
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && ts.isStringLiteral(node.arguments[0] ?? {})) {
      markModule(node.arguments[0].text, f) // await import('…')
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      if (node.qualifier) {
        const s = real(checker.getSymbolAtLocation(node.qualifier))
        if (s) used.add(s)
      } else markModule(node.argument.literal.text, f)
    } else if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'require' &&
      ts.isStringLiteral(node.arguments[0] ?? {})
    ) {
      markModule(node.arguments[0].text, f)
    }
    ts.forEachChild(node, visit)
  }
  visit(f)
}

const dead = []
for (const f of files) {
  const rel = relative(ROOT, f.fileName)
  if (!/^(src|cloudfunctions|scripts\/tools)\//.test(rel) || wholeModules.has(resolve(f.fileName))) continue
  const mod = checker.getSymbolAtLocation(f)
  if (!mod) continue
  for (const exp of checker.getExportsOfModule(mod)) {
    const name = exp.getName()
    if (name === 'default' || (name === 'main' && /^cloudfunctions\/[^/]+\/index\.ts$/.test(rel))) continue
    const target = real(exp)
    if (used.has(target) || used.has(exp)) continue
    // declared in another file and re-exported here: judged where it is declared
    if (target.declarations?.some((d) => d.getSourceFile() !== f)) continue
    const line = f.getLineAndCharacterOfPosition((target.declarations?.[0] ?? f).getStart()).line + 1
    dead.push(`${rel}:${line} ${name}`)
  }
}

for (const d of dead.sort()) console.log(d)
console.error(`${dead.length} exported symbol(s) nothing imports`)
process.exitCode = dead.length && process.argv.includes('--check') ? 1 : 0
