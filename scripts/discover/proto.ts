import { checkSpec } from '../../src/model/index.ts';
import { modelSpecValidator } from '../../src/discover/webllm/schema.ts';
import { dataScales, motifById } from '../../src/discover/library/index.ts';
import { ORAL_PK } from '../../test/discover/fixtures.ts';
const oral = motifById('pk-1cmt-oral')!.build(dataScales(ORAL_PK));
const proto = JSON.parse(JSON.stringify({ ...oral, name: 'proto' }).replace('"equations":{', '"equations":{"__proto__":"1",'));
const v = modelSpecValidator();
console.log(v(proto), v.errors);
console.log(JSON.stringify(checkSpec(proto).issues));
