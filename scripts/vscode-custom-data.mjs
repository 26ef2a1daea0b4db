// Writes vscode.html-custom-data.json from custom-elements.json (run by `npm run manifest`): VS Code's
// HTML custom data (the `html.customData` format, version 1.1), so the editor completes and
// describes the <zego-*> tags and their attributes. Point `html.customData` at the file:
//   "html.customData": ["./node_modules/zego-elements/vscode.html-custom-data.json"]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const input = process.argv[2] ?? `${root}custom-elements.json`;
const output = process.argv[3] ?? `${root}vscode.html-custom-data.json`;

/** `'grid' | 'speaker'` → ['grid', 'speaker']; undefined unless the type is only string literals. */
export function literalValues(typeText) {
  if (!typeText) return undefined;
  const parts = typeText.split('|').map((p) => p.trim());
  const values = parts.map((p) => /^(['"])(.*)\1$/.exec(p)?.[2] ?? (/^\d+$/.test(p) ? p : undefined));
  return values.every((v) => v !== undefined) ? values : undefined;
}

const list = (title, items, format) =>
  items?.length ? `\n\n**${title}:**\n${items.map((i) => `- ${format(i)}`).join('\n')}` : '';

/** The manifest as VS Code custom data (version 1.1). */
export function toCustomData(manifest) {
  const tags = [];
  for (const mod of manifest.modules ?? []) {
    for (const decl of mod.declarations ?? []) {
      if (!decl.customElement || !decl.tagName) continue;
      const description =
        [decl.summary, decl.description].filter(Boolean).join('\n\n') +
        list(
          'Events',
          decl.events,
          (e) => `\`${e.name}\`${e.type ? ` (\`${e.type.text}\`)` : ''} — ${e.description ?? ''}`,
        ) +
        list('Slots', decl.slots, (s) => `${s.name ? `\`${s.name}\`` : '(default)'} — ${s.description ?? ''}`) +
        list('CSS parts', decl.cssParts, (p) => `\`::part(${p.name})\` — ${p.description ?? ''}`) +
        list('CSS custom properties', decl.cssProperties, (p) => `\`${p.name}\` — ${p.description ?? ''}`);
      tags.push({
        name: decl.tagName,
        description: { kind: 'markdown', value: description.trim() },
        attributes: (decl.attributes ?? []).map((attr) => {
          const type = attr.type?.text;
          const values = literalValues(type);
          return {
            name: attr.name,
            description: [attr.description, type ? `Type: \`${type}\`` : ''].filter(Boolean).join('\n\n'),
            ...(type === 'boolean' ? { valueSet: 'v' } : {}),
            ...(values ? { values: values.map((name) => ({ name })) } : {}),
          };
        }),
      });
    }
  }
  tags.sort((a, b) => a.name.localeCompare(b.name));
  return { version: 1.1, tags };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const manifest = JSON.parse(readFileSync(input, 'utf8'));
  const data = toCustomData(manifest);
  writeFileSync(output, `${JSON.stringify(data, null, 2)}\n`);
  console.log(`wrote ${output.replace(root, '')}: ${data.tags.map((t) => `<${t.name}>`).join(' ')}`);
}
