// The benchmark's baseline pack: one resource policy that reports nothing, served by
// @pulumi/pulumi's cmd/run-policy-pack as the real pack is. What an Analyze call costs here is the
// protocol, the @pulumi/policy server and the process, without any of our policies.
import { PolicyPack } from "@pulumi/policy";

new PolicyPack("bench-empty-pack", {
    policies: [
        {
            name: "nothing",
            description: "Looks at every resource and reports nothing.",
            enforcementLevel: "advisory",
            validateResource: () => undefined,
        },
    ],
});
