// Bundles the card into the one file the integration serves; `--test` bundles the unit tests.
import { build } from "esbuild";
import { readdirSync } from "node:fs";

const common = { bundle: true, format: "esm", target: "es2021", logLevel: "warning" };

if (process.argv.includes("--test")) {
  const tests = readdirSync("test").filter((f) => f.endsWith(".test.ts")).map((f) => `test/${f}`);
  await build({ ...common, entryPoints: tests, outdir: ".test-build", outExtension: { ".js": ".mjs" }, platform: "node" });
} else {
  // Minified without source maps or timestamps, so the same sources give the same bytes.
  await build({
    ...common,
    entryPoints: ["src/index.ts"],
    outfile: "../custom_components/acupressure_mat/frontend/acupressure-mat-card.js",
    minify: true,
    legalComments: "eof",
    charset: "utf8",
  });
}
