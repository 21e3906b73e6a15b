/** The fictional shop the demo traffic browses: pages, products, people and places. */
import { intBetween, pick } from './random.ts';

/** Origin of the demo shop; page views and the demo segments' URL matches use it. */
export const SHOP_ORIGIN = 'https://shop.example.com';

/** A product on sale; `price` is in USD, between 5 and 400. */
export interface Product {
  slug: string;
  name: string;
  price: number;
}

/** The catalogue; prices straddle 100 so "High-value cart adds" gets some but not all adds. */
export const PRODUCTS: readonly Product[] = [
  { slug: 'trail-runner-shoes', name: 'Trail Runner Shoes', price: 129 },
  { slug: 'canvas-sneakers', name: 'Canvas Sneakers', price: 59 },
  { slug: 'leather-boots', name: 'Leather Boots', price: 219 },
  { slug: 'wool-socks-3-pack', name: 'Wool Socks (3 pack)', price: 18 },
  { slug: 'rain-jacket', name: 'Rain Jacket', price: 149 },
  { slug: 'denim-jacket', name: 'Denim Jacket', price: 89 },
  { slug: 'cotton-tee', name: 'Cotton Tee', price: 24 },
  { slug: 'linen-shirt', name: 'Linen Shirt', price: 64 },
  { slug: 'yoga-mat', name: 'Yoga Mat', price: 39 },
  { slug: 'smart-watch', name: 'Smart Watch', price: 349 },
  { slug: 'wireless-earbuds', name: 'Wireless Earbuds', price: 119 },
  { slug: 'travel-backpack', name: 'Travel Backpack', price: 95 },
  { slug: 'steel-water-bottle', name: 'Steel Water Bottle', price: 22 },
  { slug: 'sunglasses', name: 'Polarised Sunglasses', price: 135 },
  { slug: 'espresso-maker', name: 'Espresso Maker', price: 399 },
  { slug: 'phone-case', name: 'Phone Case', price: 12 },
  { slug: 'lip-balm', name: 'Lip Balm', price: 5 },
  { slug: 'desk-lamp', name: 'Desk Lamp', price: 45 },
];

/** What people type into the shop's search box. */
export const SEARCHES: readonly string[] = [
  'shoes',
  'running shoes',
  'jacket',
  'rain jacket',
  'earbuds',
  'watch',
  'backpack',
  'boots',
  'gift for dad',
  'coffee',
  'socks',
  'summer shirt',
];

/** A city with the IANA zone its users are in and how its phone numbers look. */
export interface City {
  name: string;
  timezone: string;
  phone: (random: () => number) => string;
}

const digits = (random: () => number, n: number) => {
  let s = '';
  for (let i = 0; i < n; i++) s += intBetween(random, 0, 9);
  return s;
};

/** Demo cities; Pune is common enough that the Pune segment fills quickly. */
export const CITIES: readonly City[] = [
  { name: 'Pune', timezone: 'Asia/Kolkata', phone: (r) => `+9198${digits(r, 8)}` },
  { name: 'Pune', timezone: 'Asia/Kolkata', phone: (r) => `+9197${digits(r, 8)}` },
  { name: 'Mumbai', timezone: 'Asia/Kolkata', phone: (r) => `+9199${digits(r, 8)}` },
  { name: 'Berlin', timezone: 'Europe/Berlin', phone: (r) => `+49151${digits(r, 8)}` },
  { name: 'New York', timezone: 'America/New_York', phone: (r) => `+1212555${digits(r, 4)}` },
  { name: 'London', timezone: 'UTC', phone: (r) => `+447700900${digits(r, 3)}` },
];

/** First and last names for e-mail style user ids and e-mail addresses. */
export const FIRST_NAMES: readonly string[] = [
  'maya',
  'arjun',
  'priya',
  'rohan',
  'ananya',
  'lena',
  'jonas',
  'mia',
  'noah',
  'emma',
  'liam',
  'olivia',
  'sofia',
  'ravi',
  'neha',
  'felix',
  'hannah',
  'james',
  'aisha',
  'omar',
];
/** See FIRST_NAMES. */
export const LAST_NAMES: readonly string[] = [
  'patel',
  'sharma',
  'kulkarni',
  'deshmukh',
  'iyer',
  'schmidt',
  'mueller',
  'weber',
  'smith',
  'johnson',
  'garcia',
  'brown',
  'khan',
  'wilson',
  'fischer',
  'rao',
];

/** An arriving visitor's referrer: external (search, social), internal or empty (typed URL). */
export function arrivalReferrer(random: () => number, landing: string): string {
  const r = random();
  if (r < 0.35) return `https://www.google.com/search?q=${encodeURIComponent(pick(random, SEARCHES))}`;
  if (r < 0.42) return 'https://www.google.co.in/';
  if (r < 0.52) return 'https://t.co/x';
  if (r < 0.64) return 'https://www.facebook.com/';
  // A returning tab or a link from the shop's own newsletter page: internal, so no referrer entry.
  if (r < 0.74 && landing !== `${SHOP_ORIGIN}/`) return `${SHOP_ORIGIN}/`;
  return '';
}

/** The product page URL of a product. */
export const productUrl = (p: Product): string => `${SHOP_ORIGIN}/products/${p.slug}`;
