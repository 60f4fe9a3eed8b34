/**
 * @fileoverview The warehouse flavour's entry (`npm run build -- --warehouse`): the same globals
 * as main.ts, with BigQuery enabled through the advanced service, whose manifest adds the
 * `bigquery` scope. The default entry never imports this file, so its bundle holds no BigQuery call.
 */
import { advancedServiceRunner, type BigQueryJobs } from './bigquery-service';
import { enableWarehouse } from './services';
import { warehouseName } from '../server/warehouse-setting';

enableWarehouse({
  runner(setting, deadline) {
    // Undefined when the manifest lacks the advanced service (Apps Script declares it so).
    if (typeof BigQuery === 'undefined' || !BigQuery) {
      throw new Error('The BigQuery advanced service is not enabled in this script: deploy the warehouse build (npm run build -- --warehouse), whose manifest enables it.');
    }
    return advancedServiceRunner(warehouseName(setting), { jobs: BigQuery.Jobs as unknown as BigQueryJobs, deadline });
  },
});

export * from './main';
