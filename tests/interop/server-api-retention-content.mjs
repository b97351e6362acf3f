// The Retention Messaging API's images and messages, and Finish Transaction, for the loopback test server
// (server-api.mjs), as Apple documents them: images and messages named by lowercase UUIDs; each starts
// PENDING_REVIEW and is reviewed by the time it is listed again (APPROVED, or REJECTED for an identifier whose last
// group is ffffffffffff); Apple's limits (2000 images per app; config.retention.maximumImages / maximumMessages
// lower them for the tests), lengths (header 66, body 144, alternative text 150, bullet point text 66, characters)
// and errors by code. Apple names BAD_REQUEST_TOO_MANY_BULLET_POINTS without saying how many are too many on its
// pages; this server takes up to 5, the number other libraries for Apple's API check. Each environment (production, /sandbox) has its own catalogue.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const catalogues = new Map();
const characters = (text) => [...String(text ?? '')].length;

function catalogue(env) {
  if (!catalogues.has(env)) catalogues.set(env, { images: new Map(), messages: new Map() });
  return catalogues.get(env);
}

// A listed item that was pending has been reviewed by the next listing.
function reviewed(item, id) {
  if (item.state === 'PENDING_REVIEW' && item.listed) item.state = id.endsWith('-ffffffffffff') ? 'REJECTED' : 'APPROVED';
  item.listed = true;
  return item.state;
}

// Handles the path when it is one of these endpoints; returns whether it did.
export async function retentionContent(request, path, raw, response, { send, appleError, env, limits = {} }) {
  const { images, messages } = catalogue(env);
  const ok = () => { response.writeHead(200); response.end(); return true; };
  const fail = (status, code, message) => { send(response, status, appleError(code, message)); return true; };
  let match;
  if ((match = path.match(/^\/inApps\/v1\/transactions\/([^/]+)\/finish$/)) && request.method === 'POST') {
    const id = decodeURIComponent(match[1]);
    if (!/^\d+$/.test(id)) return fail(400, 4000006, 'Invalid transaction id.');
    if (id === '4040010') return fail(404, 4040010, 'Transaction id not found.');
    if (id === '2000000000004043') return fail(400, 4000043, 'Invalid transaction, not consumable.');
    return ok();
  }
  if (path === '/inApps/v1/messaging/image/list' && request.method === 'GET') {
    return send(response, 200, { imageIdentifiers: [...images].map(([imageIdentifier, image]) => ({ imageIdentifier, imageState: reviewed(image, imageIdentifier), imageSize: image.size })) }), true;
  }
  if (path === '/inApps/v1/messaging/message/list' && request.method === 'GET') {
    return send(response, 200, { messageIdentifiers: [...messages].map(([messageIdentifier, message]) => ({ messageIdentifier, messageState: reviewed(message, messageIdentifier) })) }), true;
  }
  if ((match = path.match(/^\/inApps\/v1\/messaging\/image\/([^/]+)$/))) {
    const id = decodeURIComponent(match[1]);
    if (!UUID.test(id)) return fail(400, 4000000, 'Invalid request: the image identifier must be a lowercase UUID.');
    if (request.method === 'PUT') {
      const size = new URL(request.url, 'http://127.0.0.1').searchParams.get('imageSize') ?? 'FULL_SIZE';
      if (size !== 'FULL_SIZE' && size !== 'BULLET_POINT') return fail(400, 4000216, 'Invalid image size.');
      if (request.headers['content-type'] !== 'image/png' || raw.length < PNG.length || !raw.subarray(0, PNG.length).equals(PNG)) return fail(400, 4000161, 'Invalid image.');
      if (images.has(id)) return fail(409, 4090000, 'Image already exists.');
      if (images.size >= (limits.maximumImages ?? 2000)) return fail(403, 4030014, 'Maximum number of images reached.');
      images.set(id, { state: 'PENDING_REVIEW', size, bytes: raw.length });
      return ok();
    }
    if (request.method === 'DELETE') {
      if (!images.has(id)) return fail(404, 4040014, 'Image not found.');
      if ([...messages.values()].some((message) => message.images.includes(id))) return fail(403, 4030019, 'Image in use.');
      images.delete(id);
      return ok();
    }
  }
  if ((match = path.match(/^\/inApps\/v1\/messaging\/message\/([^/]+)$/))) {
    const id = decodeURIComponent(match[1]);
    if (!UUID.test(id)) return fail(400, 4000000, 'Invalid request: the message identifier must be a lowercase UUID.');
    if (request.method === 'PUT') {
      let body;
      try { body = JSON.parse(raw.toString('utf8')); } catch { return fail(400, 4000000, 'Invalid request.'); }
      if (characters(body.header) > 66) return fail(400, 4000162, 'Header too long.');
      if (characters(body.body) > 144) return fail(400, 4000163, 'Body too long.');
      if (body.image && characters(body.image.altText) > 150) return fail(400, 4000175, 'Alt text too long.');
      const bullets = body.bulletPoints ?? [];
      if (bullets.length > 5) return fail(400, 4000218, 'Too many bullet points.');
      if (bullets.some((point) => characters(point.text) > 66)) return fail(400, 4000219, 'Bullet point text too long.');
      if (bullets.some((point) => characters(point.altText) > 150)) return fail(400, 4000175, 'Alt text too long.');
      if (body.headerPosition === 'ABOVE_IMAGE' && !body.image) return fail(400, 4000224, 'Above image requires an image.');
      const used = [...(body.image ? [body.image.imageIdentifier] : []), ...bullets.map((point) => point.imageIdentifier)];
      for (const imageId of used) {
        if (!images.has(imageId)) return fail(404, 4040014, 'Image not found.');
        if (images.get(imageId).state !== 'APPROVED') return fail(403, 4030018, 'Image not approved.');
      }
      if (messages.has(id)) return fail(409, 4090001, 'Message already exists.');
      if (messages.size >= (limits.maximumMessages ?? 2000)) return fail(403, 4030016, 'Maximum number of messages reached.');
      messages.set(id, { state: 'PENDING_REVIEW', images: used, header: body.header });
      return ok();
    }
    if (request.method === 'DELETE') {
      if (!messages.has(id)) return fail(404, 4040015, 'Message not found.');
      messages.delete(id);
      return ok();
    }
  }
  return false;
}
