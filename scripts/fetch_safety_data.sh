#!/usr/bin/env bash
# Write the public brand-safety sets into DIR (outside the repository), for
#   python scripts/train_safety_model.py --src DIR --real <real creator files>
#   python -m evals.safety --data DIR --real <real creator files>
# Sources are cloned from GitHub (or read from existing clones under $CLONES, one
# directory per repository named owner+name). Licences: see retrieval/signals/model/MODEL_CARD.md.
# Never fetched: the Davidson et al. (2017) tweets (t-davidson/hate-speech-and-offensive-language),
# this project's independent check, or anything derived from them.
set -euo pipefail
DIR=${1:?usage: fetch_safety_data.sh DIR}
CLONES=${CLONES:-$DIR/clones}
mkdir -p "$DIR" "$CLONES"

repo() {  # owner/name -> a git directory holding it
  local d="$CLONES/${1/\//+}"
  if [[ -d "$d/repo" ]]; then echo "$d/repo"; return; fi
  [[ -d "$d/.git" || -f "$d/HEAD" ]] || git clone --quiet --depth 1 "https://github.com/$1" "$d"
  echo "$d"
}
show() { git -C "$(repo "$1")" show "HEAD:$2"; }

# training + dev (train split; dev is a fixed hash share, or the set's own dev split)
show uds-lsv/GermEval-2018-Data germeval2018.training.txt > "$DIR/germeval2018_train.txt"
show HKUST-KnowComp/MLMA_hate_speech hate_speech_mlma.zip > "$DIR/mlma.zip" && unzip -o -q "$DIR/mlma.zip" -d "$DIR/mlma"
show phusroyal/ViHOS data/Span_Extraction_based_version/train.csv > "$DIR/vihos_train.csv"
show phusroyal/ViHOS data/Span_Extraction_based_version/dev.csv > "$DIR/vihos_dev.csv"
show HannahKirk/Hatemoji HatemojiBuild/train.csv > "$DIR/hatemojibuild_train.csv"
show HannahKirk/Hatemoji HatemojiBuild/validation.csv > "$DIR/hatemojibuild_dev.csv"
# SemEval-2021 Toxic Spans (CC0 1.0): Civil Comments posts rated toxic, embedding head only
show ipavlopoulos/toxic_spans SemEval2021/data/tsd_train.csv > "$DIR/tsd_train.csv"
show ipavlopoulos/toxic_spans SemEval2021/data/tsd_trial.csv > "$DIR/tsd_trial.csv"
# TOXIGEN (Hartvigsen et al. 2022, MIT): the human-written seed statements about 13 groups
# (prompts/, demonstrations/; not the machine-generated corpus), contextual reader only
TG=$(repo microsoft/TOXIGEN)
git -C "$TG" ls-tree -r --name-only HEAD prompts demonstrations | grep '\.txt$' | while read -r f; do
  mkdir -p "$DIR/toxigen/$(dirname "$f")" && git -C "$TG" show "HEAD:$f" > "$DIR/toxigen/$f"
done
# test only (never read by the training script). OLID states no licence: its test split is
# only evaluated on, its training split is not fetched.
show idontflow/OLID testset-levela.tsv > "$DIR/olid_test_a.tsv"
show idontflow/OLID labels-levela.csv > "$DIR/olid_labels_a.csv"
show uds-lsv/GermEval-2018-Data germeval2018.test.txt > "$DIR/germeval2018_test.txt"
show phusroyal/ViHOS data/Test_data/test.csv > "$DIR/vihos_test.csv"
show paul-rottger/hatecheck-data test_suite_cases.csv > "$DIR/hatecheck_en.csv"
for lang in german spanish french portuguese; do
  show rewire-online/multilingual-hatecheck "MHC Final Cases/hatecheck_cases_final_$lang.csv" > "$DIR/mhc_$lang.csv"
done
show JAugusto97/ToLD-Br ToLD-BR.csv > "$DIR/told_br.csv"  # CC BY-SA 4.0: a test set only, never trained on
# Stormfront sentences (de Gibert et al. 2018, CC BY-SA 3.0 ES): the balanced sampled test
# split, a test set only (share-alike), one CSV row per sentence file.
SF=$(repo Vicomtech/hate-speech-dataset)
{
  echo "file_id,text,label"
  git -C "$SF" ls-tree --name-only HEAD sampled_test/ | while read -r f; do
    id=$(basename "$f" .txt)
    label=$(git -C "$SF" show HEAD:annotations_metadata.csv | awk -F, -v id="$id" '$1 == id {print $5}')
    text=$(git -C "$SF" show "HEAD:all_files/$id.txt" | tr '\n' ' ' | sed 's/"/""/g; s/ *$//')
    echo "$id,\"$text\",$label"
  done
} > "$DIR/stormfront_test.csv"
echo "written to $DIR"
