/**
 * `npm run contract:compare -- FILE [--json]`: a capture from a real author (`bpsetup probe
 * --bundle FILE`) against the emulator in the same state (the package installed, an IMS
 * configuration, the cloud service and its four agents), fact by fact, each difference with the
 * section of docs/aem-contract.md it settles. Exit 0: no difference; 1: differences; 2: bad usage.
 */
import { existsSync, readFileSync } from 'node:fs';
import { captureEvidence, EVIDENCE_FORMAT, type EvidenceCapture } from '../cli/evidence';
import { compareEvidence, type EvidenceDifference } from '../cli/evidence-compare';
import { NodeTransport } from '../cli/node-transport';
import { terminalSafeDeep } from '../cli/terminal-safe';
import { builtPackagePath } from '../emulator/paths';
import { applyScenario } from '../emulator/scenarios';
import { startEmulator } from '../emulator/server';

/** The emulator set up as the captured author is expected to be, and captured the same way. */
export async function emulatorCapture(): Promise<EvidenceCapture> {
  const packageZip = builtPackagePath();
  const emu = await startEmulator({ port: 0, dataDir: null, quiet: true, ...(existsSync(packageZip) && { packageZip }) });
  try {
    applyScenario(emu.context, 'existingCloudConfig');
    const transport = new NodeTransport({
      baseUrl: emu.url,
      credentials: { user: 'admin', password: 'admin' },
      readOnly: true,
      userAgent: 'bpsetup-probe',
    });
    return await captureEvidence(transport);
  } finally {
    await emu.close();
  }
}

function readCapture(file: string): EvidenceCapture {
  const capture = JSON.parse(readFileSync(file, 'utf8')) as EvidenceCapture;
  if (capture.format !== EVIDENCE_FORMAT) throw new Error(`${file} is not a capture of bpsetup probe --bundle (format ${EVIDENCE_FORMAT})`);
  return capture;
}

function print(differences: EvidenceDifference[], file: string): void {
  if (!differences.length) {
    console.log(`${file}: no difference from the emulator in anything the contract relies on.`);
    return;
  }
  console.log(`${file}: ${differences.length} difference(s) from the emulator. Each settles the contract section named:`);
  for (const d of terminalSafeDeep(differences))
    console.log(`\n- ${d.id} (docs/aem-contract.md, section "${d.contract}")\n    author:   ${d.author}\n    emulator: ${d.emulator}`);
}

async function main(argv: string[]): Promise<number> {
  const file = argv.find((a) => !a.startsWith('--'));
  if (!file) {
    console.error('Usage: npm run contract:compare -- capture.json [--json]   (made by: bpsetup --url URL probe --bundle capture.json)');
    return 2;
  }
  const differences = compareEvidence(readCapture(file), await emulatorCapture());
  if (argv.includes('--json')) console.log(JSON.stringify({ file, differences }, null, 2));
  else print(differences, file);
  return differences.length ? 1 : 0;
}

if (require.main === module)
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      console.error(`contract:compare failed: ${(e as Error).message}`);
      process.exitCode = 2;
    },
  );
