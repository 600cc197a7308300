import type { Hono } from 'hono';
import { z } from 'zod';
import { mefError, readJson, type SimContext } from './route-kit.js';
import type { SimOrder } from './store.js';

/** A buyer's request to move an order item's requested date, as the simulated seller keeps it. */
type SimDateModification = {
  id: string;
  orderId: string;
  itemId: string;
  requestedCompletionDate: string;
  createdAt: string;
  state: 'done' | 'rejected';
};

const noteSchema = z.looseObject({ id: z.string(), author: z.string(), date: z.string(), text: z.string() });
const contactSchema = z.looseObject({
  role: z.string(),
  name: z.string(),
  emailAddress: z.string(),
  number: z.string(),
});
const updateSchema = z.looseObject({
  note: z.array(noteSchema).optional(),
  productOrderItem: z
    .array(z.looseObject({ id: z.string(), relatedContactInformation: z.array(contactSchema).optional() }))
    .optional(),
});
const modificationSchema = z.looseObject({
  productOrderItem: z.looseObject({ productOrderId: z.string().min(1), productOrderItemId: z.string().min(1) }),
  requestedCompletionDate: z.iso.datetime({ offset: true }),
});

const itemsOf = (order: SimOrder) => order.request.productOrderItem as Array<Record<string, unknown>>;

/**
 * The buyer's changes to a Sonata order in flight: PATCH productOrder (ProductOrder_Update: notes, which answer an
 * order waiting on the buyer, and the items' buyer contacts) and the modifyProductOrderItemRequestedDeliveryDate task
 * (done at once while the order can change: the item takes the date and the seller recommits; else rejected).
 */
export function addSonataOrderChangeRoutes(
  app: Hono,
  ctx: SimContext,
  root: () => string,
  renderOrder: (order: SimOrder) => Record<string, unknown>,
): void {
  const modifications = new Map<string, SimDateModification>();
  const render = (m: SimDateModification) => ({
    id: m.id,
    href: `${root()}/modifyProductOrderItemRequestedDeliveryDate/${m.id}`,
    creationDate: m.createdAt,
    productOrderItem: { productOrderId: m.orderId, productOrderItemId: m.itemId },
    requestedCompletionDate: m.requestedCompletionDate,
    state: m.state,
  });

  app.patch('/productOrder/:id', async (c) => {
    const order = ctx.store.findOrder('sonata', c.req.param('id'));
    if (!order) return mefError(c, 404, 'notFound', 'No such product order');
    const parsed = updateSchema.safeParse(await readJson(c));
    if (!parsed.success) return mefError(c, 400, 'invalidBody', 'Invalid request body');
    if (!ctx.lifecycle.canAmend(order)) return mefError(c, 409, 'notUpdatable', `Order is ${order.state}`);
    for (const change of parsed.data.productOrderItem ?? []) {
      const item = itemsOf(order).find((i) => i.id === change.id);
      if (item && change.relatedContactInformation) item.relatedContactInformation = change.relatedContactInformation;
    }
    const notes = (parsed.data.note ?? []).map((n) => ({ ...n, source: 'buyer' }));
    if (notes.length > 0) {
      order.request.note = [...(Array.isArray(order.request.note) ? (order.request.note as unknown[]) : []), ...notes];
      ctx.lifecycle.answered(order);
    }
    return c.json(renderOrder(order));
  });

  app.post('/modifyProductOrderItemRequestedDeliveryDate', async (c) => {
    const parsed = modificationSchema.safeParse(await readJson(c));
    if (!parsed.success) return mefError(c, 400, 'invalidBody', 'Invalid request body');
    const { productOrderId, productOrderItemId } = parsed.data.productOrderItem;
    const order = ctx.store.findOrder('sonata', productOrderId);
    const item = order && itemsOf(order).find((i) => i.id === productOrderItemId);
    if (!order || !item) return mefError(c, 404, 'notFound', 'No such product order item');
    const modification: SimDateModification = {
      id: ctx.store.nextId('MOD'),
      orderId: order.id,
      itemId: productOrderItemId,
      requestedCompletionDate: new Date(parsed.data.requestedCompletionDate).toISOString(),
      createdAt: new Date().toISOString(),
      state: ctx.lifecycle.canAmend(order) ? 'done' : 'rejected',
    };
    modifications.set(modification.id, modification);
    if (modification.state === 'done') {
      item.requestedCompletionDate = parsed.data.requestedCompletionDate;
      ctx.lifecycle.amended(order, { requestedCompletionDate: true });
    }
    return c.json(render(modification), 201);
  });

  app.get('/modifyProductOrderItemRequestedDeliveryDate', (c) => {
    const orderId = c.req.query('productOrderId');
    return c.json([...modifications.values()].filter((m) => !orderId || m.orderId === orderId).map(render));
  });

  app.get('/modifyProductOrderItemRequestedDeliveryDate/:id', (c) => {
    const modification = modifications.get(c.req.param('id'));
    return modification ? c.json(render(modification)) : mefError(c, 404, 'notFound', 'No such modification');
  });
}
