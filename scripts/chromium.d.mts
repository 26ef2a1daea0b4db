export function findChromium(options?: { install?: boolean; log?: (line: string) => void }): string;
export const chromeArgs: string[];
