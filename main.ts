/**
 * The cdktf app entry (`cdktf synth`, `cdktf deploy <stack>`): builds every stack from the region catalogue.
 * cdktf passes no arguments, so another catalogue is chosen with $KORE_REGIONS. `npm run synth` is the same with
 * flags and an all-or-nothing output directory.
 */
import { resolveCatalogue } from './cli/catalogue-source';
import { runCli } from './cli/errors';
import { checkSynthesized, enforceGuardrails } from './cli/guardrails/run-guardrails';
import { synthesizeStacks, writeManifest } from './cli/synth';

void runCli('main', () => {
  // Validate before constructing anything: an invalid catalogue writes nothing.
  const catalogue = resolveCatalogue();
  // Where the cdktf CLI asks for the output (cdktf's App reads the same variable), written as App.synth writes it.
  const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  writeManifest(outdir, synthesizeStacks(outdir, catalogue));
  // cdktf writes straight into its output: refuse with the findings (exit 2) so that deploy does not go on.
  enforceGuardrails(checkSynthesized(outdir, catalogue.guardrails.suppressions));
  return 0;
});
