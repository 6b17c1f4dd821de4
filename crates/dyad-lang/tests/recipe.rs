//! The training recipe: the same models whatever the number of threads.

use dyad_lang::conllu;
use dyad_lang::train::{train_models, Recipe};

const TREEBANK: &str = "\
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tarmy\tarmy\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_
4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_
5\tvillage\tvillage\tNOUN\tNN\t_\t3\tobj\t_\t_
6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tRebels\trebel\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tseized\tseize\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_
4\ttown\ttown\tNOUN\tNN\t_\t2\tobj\t_\t_
5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tLeaders\tleader\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_
3\tand\tand\tCCONJ\tCC\t_\t4\tcc\t_\t_
4\tsigned\tsign\tVERB\tVBD\t_\t2\tconj\t_\t_
5\ta\ta\tDET\tDT\t_\t6\tdet\t_\t_
6\ttreaty\ttreaty\tNOUN\tNN\t_\t4\tobj\t_\t_
7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

";

fn small_recipe(threads: usize) -> Recipe {
    let mut recipe = Recipe { threads, ..Recipe::default() };
    recipe.tagger.epochs = 2;
    recipe.tagger.table_bits = 12;
    recipe.parser.epochs = 3;
    recipe.parser.move_bits = 12;
    recipe.parser.label_bits = 8;
    recipe.members = vec![(2, 1), (2, 2), (3, 1)];
    recipe
}

#[test]
fn models_do_not_depend_on_the_thread_count() {
    let sentences = conllu::read(TREEBANK.as_bytes()).unwrap();
    let train = |threads| train_models(&sentences, &sentences[..1], &small_recipe(threads), &mut |_| {}).unwrap();
    let (one, three) = (train(1), train(3));
    assert_eq!(one.tagger.to_bytes(), three.tagger.to_bytes());
    assert_eq!(one.parser.to_bytes(), three.parser.to_bytes());
}
