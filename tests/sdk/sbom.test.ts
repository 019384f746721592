import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { sbomPackages } from "../../sdk/sbom";

const FIXTURES = path.join(__dirname, "..", "..", "..", "tests", "sdk", "fixtures");
const fail = (what: string): never => {
    throw new Error(what);
};
const names = (doc: unknown) => sbomPackages(doc, fail).map((p) => `${p.ecosystem}:${p.name}@${p.version}`);

describe("sdk/sbom", () => {
    it("SPDX 2.2 is read as 2.3 is (npm writes only 2.3: the 2.2 document is the same with 2.2 names)", () => {
        const doc = JSON.parse(
            fs.readFileSync(path.join(FIXTURES, "sbom", "npm-v3-ready.spdx.json"), "utf8"),
        );
        const v23 = names(doc);
        doc.spdxVersion = "SPDX-2.2";
        for (const p of doc.packages) {
            for (const r of p.externalRefs ?? []) {
                r.referenceCategory = "PACKAGE_MANAGER";
            }
        }
        assert.deepStrictEqual(names(doc), v23);
        assert.ok(v23.includes("npm:@aws-sdk/credential-provider-node@3.600.0"));
        assert.throws(() => names({ ...doc, spdxVersion: "SPDX-3.0" }), {
            message: 'spdxVersion "SPDX-3.0" is not read: SPDX-2.2, SPDX-2.3 JSON are',
        });
    });

    it("CycloneDX: nested components count, a purl without version takes the component's", () => {
        const doc = {
            bomFormat: "CycloneDX",
            specVersion: "1.6",
            components: [
                {
                    name: "app",
                    purl: "pkg:generic/app@1",
                    components: [{ name: "aws-sdk-core", version: "3.190.0", purl: "pkg:gem/aws-sdk-core" }],
                },
                { name: "no-purl", version: "1.0.0" },
            ],
        };
        assert.deepStrictEqual(names(doc), ["generic:app@1", "gem:aws-sdk-core@3.190.0"]);
        assert.throws(() => names({ ...doc, components: {} }), { message: "components is not a list" });
        assert.throws(() => names({ ...doc, components: [{ purl: 7 }] }), {
            message: "components[0].purl is not a string",
        });
        assert.throws(() => names([]), { message: /^is not a CycloneDX or SPDX JSON document/ });
    });
});
