// What the catalog's tests share: the context every document is built in.
import { CatalogContext } from "../../../../components/identity/catalog";

export const CTX: CatalogContext = { partition: "aws", region: "us-west-2", accountId: "111122223333" };
