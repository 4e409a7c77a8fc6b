import { describe, expect, it } from 'vitest';
import { FASHION_CLASS_NAMES, MNIST_INFO } from './datasets.ts';
import { indefiniteArticle, withIndefiniteArticle } from './indefiniteArticle.ts';

describe('the article before a class name', () => {
  it("takes 'an' before a vowel letter, in either case, and 'a' before a consonant", () => {
    expect(FASHION_CLASS_NAMES.map(withIndefiniteArticle)).toEqual([
      'a T-shirt/top',
      'a Trouser',
      'a Pullover',
      'a Dress',
      'a Coat',
      'a Sandal',
      'a Shirt',
      'a Sneaker',
      'a Bag',
      'an Ankle boot',
    ]);
    expect(['apple', 'egg', 'igloo', 'orange', 'umbrella', 'Owl'].map(indefiniteArticle)).toEqual(['an', 'an', 'an', 'an', 'an', 'an']);
    expect(['circle', 'square', 'Yak'].map(indefiniteArticle)).toEqual(['a', 'a', 'a']);
  });

  it("reads digits as numbers: 'an 8' is the only 'an' of MNIST's ten", () => {
    expect(MNIST_INFO.classNames.map(withIndefiniteArticle)).toEqual(['a 0', 'a 1', 'a 2', 'a 3', 'a 4', 'a 5', 'a 6', 'a 7', 'an 8', 'a 9']);
  });

  it('reads longer numbers by their first spoken word: eleven, eighteen, eighty, eight hundred, eleven thousand', () => {
    expect(['11', '18', '80', '800', '11000', '11,000', '18,500'].map(indefiniteArticle)).toEqual(['an', 'an', 'an', 'an', 'an', 'an', 'an']);
    expect(['10', '12', '110', '180', '1100', '1,800', '100'].map(indefiniteArticle)).toEqual(['a', 'a', 'a', 'a', 'a', 'a', 'a']);
  });
});
