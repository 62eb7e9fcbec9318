import { readSlots } from '../lib/claims/slots/index';
for (const t of process.argv.slice(2)) {
  console.log('#', t);
  for (const s of readSlots(t, '2020-08-05')) console.log('   ', s.kind, JSON.stringify(s.surface), s.value, s.lo, s.hi, s.unit ?? '', '|', s.anchors.join(','));
}
