import { dataFeatures } from '../../src/discover/features.ts';
import * as F from '../../test/discover/fixtures.ts';
for (const [k, v] of Object.entries(F)) if (typeof v === 'object') console.log(k, JSON.stringify(dataFeatures(v as never)));
