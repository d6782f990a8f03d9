/**
 * The BFF's enumerations (contract/enums.ts, plain arrays: no zod), re-exported so the views read the states,
 * regions and funnel stages from the one source.
 */
export {
  FUNNEL_DROP_CAUSES,
  FUNNEL_STAGES,
  JOB_STATES,
  REGIONS,
} from '../../bff/src/contract/enums.js';
