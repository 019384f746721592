// Placeholder removed in the next commit: the identity map writer.
import { PlanFile } from "./model";
export async function writeIdentityMap(_plan: PlanFile, _dir: string): Promise<string[]> {
    throw new Error("identity map not implemented yet");
}
