import type { App } from '../app.js';
import { registerApiKeyRoutes } from './api-keys/index.js';
import { registerCoverageRoutes } from './coverage/index.js';
import { registerOlaPolicyRoutes } from './ola-policies/index.js';
import { registerWebhookRoutes } from './webhooks/index.js';
import { registerManualTaskRoutes } from './manual-tasks/index.js';
import { registerListEscalations } from './escalations/list.js';
import { registerOrderRoutes } from './orders/index.js';
import { registerSlaRoutes } from './sla/index.js';
import { registerTmf622Routes } from './tmf622/index.js';
import { registerTicketRoutes } from './tickets/index.js';
import { registerTmf621Routes } from './tmf621/index.js';
import { registerPartnerRoutes } from './partners/index.js';
import { registerQualificationRoutes } from './qualifications/index.js';
import { registerReportRoutes } from './reports/index.js';
import { registerCreditRoutes } from './credits/index.js';
import { registerTmf673Routes } from './tmf673/index.js';
import { registerTmf679Routes } from './tmf679/index.js';

export function registerRoutes(app: App): void {
  registerApiKeyRoutes(app);
  registerManualTaskRoutes(app);
  registerListEscalations(app);
  registerPartnerRoutes(app);
  registerQualificationRoutes(app);
  registerTmf673Routes(app);
  registerTmf679Routes(app);
  registerCoverageRoutes(app);
  registerOlaPolicyRoutes(app);
  registerWebhookRoutes(app);
  registerOrderRoutes(app);
  registerSlaRoutes(app);
  registerTmf622Routes(app);
  registerTicketRoutes(app);
  registerTmf621Routes(app);
  registerReportRoutes(app);
  registerCreditRoutes(app);
}
