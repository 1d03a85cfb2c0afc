/**
 * The Felix web console's printers (`/system/console/status-<label>.json`) answer their text as a
 * JSON array of lines, or `{"value": [...]}` on older consoles [contract: Version and feature gates].
 */
export function printerLines(json: unknown): string[] {
  const lines = Array.isArray(json)
    ? json
    : json && typeof json === 'object' && Array.isArray((json as { value?: unknown }).value)
      ? (json as { value: unknown[] }).value
      : [];
  return lines.map((l) => String(l));
}

/** Sling's settings printer: `Run Modes = [author, crx3]` (Apache Sling Settings, label `slingsettings`). */
export function runModesFromSlingSettings(json: unknown): string[] | undefined {
  for (const line of printerLines(json)) {
    const m = /^\s*Run Modes = \[(.*)\]\s*$/.exec(line);
    if (m)
      return m[1]
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean);
  }
  return undefined;
}

/** Sling's settings printer: `Sling ID = <uuid>`, the instance's own identity (unique per instance, even in a cluster). */
export function slingIdFromSlingSettings(json: unknown): string | undefined {
  for (const line of printerLines(json)) {
    const m = /^\s*Sling ID = (\S+)\s*$/.exec(line);
    if (m) return m[1];
  }
  return undefined;
}
