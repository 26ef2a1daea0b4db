/** `'grid' | 'speaker'` → ['grid', 'speaker']; undefined unless the type is only literals. */
export function literalValues(typeText: string | undefined): string[] | undefined;

export interface VSCodeCustomData {
  version: 1.1;
  tags: {
    name: string;
    description: { kind: 'markdown'; value: string };
    attributes: { name: string; description: string; valueSet?: 'v'; values?: { name: string }[] }[];
  }[];
}

/** A custom-elements.json manifest as VS Code HTML custom data. */
export function toCustomData(manifest: unknown): VSCodeCustomData;
