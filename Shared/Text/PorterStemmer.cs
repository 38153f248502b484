namespace KnowledgePortal.Shared.Text;

/// <summary>
/// Martin Porter's 1980 stemmer, the algorithm of SQLite's FTS5 "porter" tokenizer. The keyword index
/// stores stems, so looking up how common a query word is (fts5vocab) needs the same stem. Only
/// lower-case ASCII words are stemmed, as FTS5 does; anything else is returned unchanged.
/// </summary>
public static class PorterStemmer
{
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length <= 2 || !word.All(char.IsAsciiLetterLower))
        {
            return word;
        }
        var w = new Word(word);
        w.Step1A();
        w.Step1B();
        w.Step1C();
        w.Step2();
        w.Step3();
        w.Step4();
        w.Step5();
        return w.ToString();
    }

    private sealed class Word(string word)
    {
        private char[] b = word.ToCharArray();
        private int k = word.Length - 1; // last index of the current word
        private int j; // end of the stem being tested

        public override string ToString() => new(b, 0, k + 1);

        private bool IsConsonant(int i) => b[i] switch
        {
            'a' or 'e' or 'i' or 'o' or 'u' => false,
            'y' => i == 0 || !IsConsonant(i - 1),
            _ => true,
        };

        /// <summary>m(), the number of VC sequences in b[0..j].</summary>
        private int Measure()
        {
            var n = 0;
            var i = 0;
            while (true)
            {
                if (i > j)
                {
                    return n;
                }
                if (!IsConsonant(i))
                {
                    break;
                }
                i++;
            }
            i++;
            while (true)
            {
                while (true)
                {
                    if (i > j)
                    {
                        return n;
                    }
                    if (IsConsonant(i))
                    {
                        break;
                    }
                    i++;
                }
                i++;
                n++;
                while (true)
                {
                    if (i > j)
                    {
                        return n;
                    }
                    if (!IsConsonant(i))
                    {
                        break;
                    }
                    i++;
                }
                i++;
            }
        }

        private bool VowelInStem()
        {
            for (var i = 0; i <= j; i++)
            {
                if (!IsConsonant(i))
                {
                    return true;
                }
            }
            return false;
        }

        private bool DoubleConsonant(int i) => i >= 1 && b[i] == b[i - 1] && IsConsonant(i);

        /// <summary>cvc(i): consonant-vowel-consonant ending at i, the last consonant not w, x or y.</summary>
        private bool Cvc(int i)
        {
            if (i < 2 || !IsConsonant(i) || IsConsonant(i - 1) || !IsConsonant(i - 2))
            {
                return false;
            }
            return b[i] is not ('w' or 'x' or 'y');
        }

        private bool Ends(string s)
        {
            var length = s.Length;
            if (length > k + 1)
            {
                return false;
            }
            for (var i = 0; i < length; i++)
            {
                if (b[k - length + 1 + i] != s[i])
                {
                    return false;
                }
            }
            j = k - length;
            return true;
        }

        private void SetTo(string s)
        {
            var length = s.Length;
            if (j + 1 + length > b.Length)
            {
                Array.Resize(ref b, j + 1 + length);
            }
            for (var i = 0; i < length; i++)
            {
                b[j + 1 + i] = s[i];
            }
            k = j + length;
        }

        private void ReplaceIfMeasured(string s)
        {
            if (Measure() > 0)
            {
                SetTo(s);
            }
        }

        public void Step1A()
        {
            if (b[k] != 's')
            {
                return;
            }
            if (Ends("sses"))
            {
                k -= 2;
            }
            else if (Ends("ies"))
            {
                SetTo("i");
            }
            else if (b[k - 1] != 's')
            {
                k--;
            }
        }

        public void Step1B()
        {
            if (Ends("eed"))
            {
                if (Measure() > 0)
                {
                    k--;
                }
                return;
            }
            if ((Ends("ed") || Ends("ing")) && VowelInStem())
            {
                k = j;
                if (Ends("at"))
                {
                    SetTo("ate");
                }
                else if (Ends("bl"))
                {
                    SetTo("ble");
                }
                else if (Ends("iz"))
                {
                    SetTo("ize");
                }
                else if (DoubleConsonant(k))
                {
                    if (b[k] is not ('l' or 's' or 'z'))
                    {
                        k--;
                    }
                }
                else
                {
                    j = k;
                    if (Measure() == 1 && Cvc(k))
                    {
                        SetTo("e");
                    }
                }
            }
        }

        public void Step1C()
        {
            if (Ends("y") && VowelInStem())
            {
                b[k] = 'i';
            }
        }

        public void Step2()
        {
            if (k == 0)
            {
                return;
            }
            switch (b[k - 1])
            {
                case 'a':
                    if (Ends("ational")) { ReplaceIfMeasured("ate"); }
                    else if (Ends("tional")) { ReplaceIfMeasured("tion"); }
                    break;
                case 'c':
                    if (Ends("enci")) { ReplaceIfMeasured("ence"); }
                    else if (Ends("anci")) { ReplaceIfMeasured("ance"); }
                    break;
                case 'e':
                    if (Ends("izer")) { ReplaceIfMeasured("ize"); }
                    break;
                case 'l':
                    if (Ends("bli")) { ReplaceIfMeasured("ble"); }
                    else if (Ends("alli")) { ReplaceIfMeasured("al"); }
                    else if (Ends("entli")) { ReplaceIfMeasured("ent"); }
                    else if (Ends("eli")) { ReplaceIfMeasured("e"); }
                    else if (Ends("ousli")) { ReplaceIfMeasured("ous"); }
                    break;
                case 'o':
                    if (Ends("ization")) { ReplaceIfMeasured("ize"); }
                    else if (Ends("ation")) { ReplaceIfMeasured("ate"); }
                    else if (Ends("ator")) { ReplaceIfMeasured("ate"); }
                    break;
                case 's':
                    if (Ends("alism")) { ReplaceIfMeasured("al"); }
                    else if (Ends("iveness")) { ReplaceIfMeasured("ive"); }
                    else if (Ends("fulness")) { ReplaceIfMeasured("ful"); }
                    else if (Ends("ousness")) { ReplaceIfMeasured("ous"); }
                    break;
                case 't':
                    if (Ends("aliti")) { ReplaceIfMeasured("al"); }
                    else if (Ends("iviti")) { ReplaceIfMeasured("ive"); }
                    else if (Ends("biliti")) { ReplaceIfMeasured("ble"); }
                    break;
                case 'g':
                    if (Ends("logi")) { ReplaceIfMeasured("log"); }
                    break;
            }
        }

        public void Step3()
        {
            switch (b[k])
            {
                case 'e':
                    if (Ends("icate")) { ReplaceIfMeasured("ic"); }
                    else if (Ends("ative")) { ReplaceIfMeasured(string.Empty); }
                    else if (Ends("alize")) { ReplaceIfMeasured("al"); }
                    break;
                case 'i':
                    if (Ends("iciti")) { ReplaceIfMeasured("ic"); }
                    break;
                case 'l':
                    if (Ends("ical")) { ReplaceIfMeasured("ic"); }
                    else if (Ends("ful")) { ReplaceIfMeasured(string.Empty); }
                    break;
                case 's':
                    if (Ends("ness")) { ReplaceIfMeasured(string.Empty); }
                    break;
            }
        }

        public void Step4()
        {
            if (k == 0)
            {
                return;
            }
            var matched = b[k - 1] switch
            {
                'a' => Ends("al"),
                'c' => Ends("ance") || Ends("ence"),
                'e' => Ends("er"),
                'i' => Ends("ic"),
                'l' => Ends("able") || Ends("ible"),
                'n' => Ends("ant") || Ends("ement") || Ends("ment") || Ends("ent"),
                'o' => (Ends("ion") && j >= 0 && b[j] is 's' or 't') || Ends("ou"),
                's' => Ends("ism"),
                't' => Ends("ate") || Ends("iti"),
                'u' => Ends("ous"),
                'v' => Ends("ive"),
                'z' => Ends("ize"),
                _ => false,
            };
            if (matched && Measure() > 1)
            {
                k = j;
            }
        }

        public void Step5()
        {
            j = k;
            if (b[k] == 'e')
            {
                var measure = Measure();
                if (measure > 1 || (measure == 1 && !Cvc(k - 1)))
                {
                    k--;
                }
            }
            if (b[k] == 'l' && DoubleConsonant(k) && Measure() > 1)
            {
                k--;
            }
        }
    }
}
